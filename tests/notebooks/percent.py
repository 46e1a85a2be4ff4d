# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Percent notebook
#
# A recitation written as a `.py` file in jupytext's percent format.

# %%
values = [3, 1, 2]
print(sorted(values))

# %% [markdown]
# ## Summing up

# %% tags=["hide-input"]
sum(values)
