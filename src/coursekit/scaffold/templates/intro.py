# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Python warm-up
#
# A notebook kept as a Python file (jupytext's percent format): `# %%` starts a code cell,
# `# %% [markdown]` a text cell. The build runs it and publishes the output.
#
# It imports only Python's standard library. Packages your notebooks need go into
# `requirements.txt` beside `schedule.yaml`.

# %%
import statistics

scores = [71, 88, 93, 65, 80]
print(f"mean {statistics.mean(scores):.1f}, median {statistics.median(scores)}")
