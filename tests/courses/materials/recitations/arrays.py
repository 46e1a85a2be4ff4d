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

# %%
print(19 + 23)
