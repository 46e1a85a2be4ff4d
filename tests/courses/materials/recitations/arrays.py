# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Arrays with NumPy
#
# We add two numbers.
#
# ![The sum we compute](img/sum.svg)

# %%
print(19 + 23)
