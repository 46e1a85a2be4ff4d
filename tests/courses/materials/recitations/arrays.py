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
#
# Setup steps are in the [lab README](README.md#setup).

# %%
print(19 + 23)
