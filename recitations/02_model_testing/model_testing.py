# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Measuring and Unit-Testing Model Quality
#
# *Machine Learning in Production, Spring 2027*
#
# A single accuracy number on a test set answers only one question: how good is the model
# *on average*, on data like the test set? In production we care about more. Does the model
# work for every group of users? Does it behave sensibly when an input changes slightly?
# Is it better than something much simpler? In this recitation we write those expectations
# down as **explicit, checkable requirements** and turn them into **automated tests**, the way
# a software engineer would test any other component.
#
# **Learning goals.** After this recitation you should be able to
#
# 1. turn vague quality expectations into measurable requirements with thresholds;
# 2. compare a model against simple baselines;
# 3. evaluate a model per **slice** (subgroup) and judge whether a difference is more than noise;
# 4. write **invariance** and **directional** tests in the spirit of CheckList;
# 5. express all of this as pytest-style test functions and organize them in a `tests/` folder.
#
# Lecture background: *Model Quality 1* and *Model Quality 2* (slicing, capabilities,
# invariants), and the CheckList paper by Ribeiro et al. (ACL 2020).

# %% tags=["remove-cell"]
# Setup cell (hidden on the course website): silence library warnings.
import warnings

warnings.filterwarnings("ignore")

# %% [markdown]
# ## 1. Imports

# %%
import importlib.util
import inspect
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import joblib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.datasets import load_diabetes
from sklearn.dummy import DummyRegressor
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 17445
pd.set_option("display.precision", 2)

# %% [markdown]
# ## 2. Scenario and data
#
# Imagine a clinic that wants to plan follow-up appointments for patients with diabetes. A
# model estimates how much a patient's disease will progress within one year, so that staff
# can schedule the patients with the largest expected progression first. The prediction is a
# number, so this is a **regression** task, and we measure error with the **mean absolute
# error (MAE)**: on average, how many points is the estimate off?
#
# We use scikit-learn's diabetes data set (442 patients) with the original, unscaled units:
# age in years, body mass index (BMI), average blood pressure (`bp`, in mmHg) and six blood
# serum measurements (`s1`–`s6`). The target is a progression score between 25 and 346.
#
# *Data documentation matters:* the `sex` column is coded as 1 and 2, and the data set's
# documentation does not say which code is which. We therefore call them "group 1" and
# "group 2". If you ever find yourself unable to interpret a column, treat that as a finding
# to report, not a detail to ignore.

# %%
data = load_diabetes(as_frame=True, scaled=False)
X, y = data.data, data.target

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=SEED)
print(f"training rows: {len(X_train)}, test rows: {len(X_test)}")
X_test.head()

# %% [markdown]
# ## 3. The model under test, and two baselines
#
# The model we want to ship is a standardized **ridge regression** (a linear model with a
# little regularization). A score only means something next to a reference point, so we also
# fit two baselines:
#
# * a **mean predictor** that always predicts the average training target (what you get with
#   no model at all);
# * a **one-feature model** that uses BMI only (the simplest model a domain expert might
#   suggest).
#
# If our model cannot clearly beat these, its extra complexity is not paying off.

# %%
model = make_pipeline(StandardScaler(), Ridge(alpha=1.0)).fit(X_train, y_train)
mean_baseline = DummyRegressor(strategy="mean").fit(X_train, y_train)
bmi_baseline = LinearRegression().fit(X_train[["bmi"]], y_train)

maes = pd.Series(
    {
        "mean predictor (baseline)": mean_absolute_error(y_test, mean_baseline.predict(X_test)),
        "BMI-only linear model (baseline)": mean_absolute_error(y_test, bmi_baseline.predict(X_test[["bmi"]])),
        "ridge regression (model under test)": mean_absolute_error(y_test, model.predict(X_test)),
    },
    name="test MAE",
)
maes.to_frame()

# %% [markdown]
# ## 4. Quality requirements as thresholds
#
# "The model should be accurate and fair and robust" cannot be tested. The following can.
# Each requirement names a measure, the data it is measured on, and a threshold. In a real
# project these numbers come from discussions with stakeholders (here: clinic staff who know
# what error still leads to a sensible schedule), and they get revisited over time.
#
# | id | requirement |
# | --- | --- |
# | R1 | MAE on held-out data is at most 50 points. |
# | R2 | MAE is at least 25% lower than the mean predictor's. |
# | R3 | MAE is lower than the BMI-only model's. |
# | R4 | In every slice by sex, age band and BMI band (with ≥ 20 test patients), MAE is at most 1.2 × the overall MAE. |
# | R5 | *Invariance:* ±2 mmHg of blood pressure (measurement noise) moves no prediction by more than 5 points. |
# | R6 | *Directional:* raising BMI by 2 never lowers the predicted progression (tolerance 0.5 points). |
# | R7 | Predictions for the test patients stay in a plausible range of 0 to 400. |
# | R8 | Predicting 1,000 patients takes less than 0.5 s (a *non-accuracy* quality). |
#
# We keep the thresholds in one place in the code, so that a change to a requirement is a
# visible, reviewable change.

# %%
REQUIREMENTS = {
    "max_mae": 50.0,  # R1
    "min_improvement_over_mean": 0.25,  # R2
    "max_slice_ratio": 1.2,  # R4
    "min_slice_size": 20,  # R4
    "bp_noise_mmhg": 2.0,  # R5
    "max_change_under_bp_noise": 5.0,  # R5
    "bmi_increase": 2.0,  # R6
    "directional_tolerance": 0.5,  # R6
    "plausible_range": (0.0, 400.0),  # R7
    "max_seconds_per_1000": 0.5,  # R8
}

# %% [markdown]
# ## 5. Slice-based evaluation
#
# An average can hide a group for which the model works badly. **Slicing** means computing the
# same metric separately for meaningful subgroups. Good slices come from the domain
# (demographics, clinically relevant ranges), from known hard cases, and from past bug
# reports.
#
# Slices are smaller than the full test set, so their scores are noisier. We attach a
# **bootstrap confidence interval** to each slice: resample the slice's errors with
# replacement many times and look at the spread of the resulting means.

# %%
def add_slices(df):
    """Add categorical slice columns to a feature table (a copy is returned)."""
    out = df.copy()
    out["sex group"] = pd.Categorical(out["sex"].map({1.0: "group 1", 2.0: "group 2"}))
    out["age band"] = pd.cut(out["age"], [0, 40, 55, 120], labels=["≤40", "41–55", ">55"])
    out["BMI band"] = pd.cut(out["bmi"], [0, 25, 30, 100], labels=["≤25", "25–30", ">30"])
    return out


def bootstrap_ci(errors, n_boot=1000, seed=SEED):
    """95% bootstrap confidence interval for the mean of `errors`."""
    rng = np.random.default_rng(seed)
    means = rng.choice(errors, size=(n_boot, len(errors)), replace=True).mean(axis=1)
    return np.percentile(means, [2.5, 97.5])


def slice_report(model, X, y, slice_columns=("sex group", "age band", "BMI band")):
    """MAE per slice, with size, ratio to the overall MAE, and a bootstrap CI."""
    abs_err = np.abs(y.to_numpy() - model.predict(X))
    overall = abs_err.mean()
    sliced = add_slices(X)
    rows = []
    for column in slice_columns:
        for value in sliced[column].cat.categories:
            mask = (sliced[column] == value).to_numpy()
            low, high = bootstrap_ci(abs_err[mask])
            rows.append(
                {
                    "slice": f"{column} = {value}",
                    "n": int(mask.sum()),
                    "MAE": abs_err[mask].mean(),
                    "ratio to overall": abs_err[mask].mean() / overall,
                    "CI low": low,
                    "CI high": high,
                }
            )
    return pd.DataFrame(rows).set_index("slice"), overall


slices, overall_mae = slice_report(model, X_test, y_test)
print(f"overall test MAE: {overall_mae:.1f}")
slices

# %%
# Plot MAE per slice with its confidence interval; the dashed line is the overall MAE
# and the dotted line the R4 limit.
fig, ax = plt.subplots(figsize=(7, 3.8))
positions = np.arange(len(slices))
ax.errorbar(
    slices["MAE"],
    positions,
    xerr=[slices["MAE"] - slices["CI low"], slices["CI high"] - slices["MAE"]],
    fmt="o",
    capsize=4,
)
ax.axvline(overall_mae, linestyle="--", color="gray", label="overall MAE")
ax.axvline(overall_mae * REQUIREMENTS["max_slice_ratio"], linestyle=":", color="red", label="R4 limit")
ax.set_yticks(positions, slices.index)
ax.invert_yaxis()
ax.set_xlabel("mean absolute error (95% bootstrap CI)")
ax.legend(loc="lower right")
plt.tight_layout()
plt.show()

# %% [markdown]
# The model does about equally well for both sex groups and all age bands, but patients with
# a BMI between 25 and 30 see clearly larger errors, above the R4 limit. The confidence
# interval of that slice lies entirely above the overall MAE, so this does not look like
# mere noise from a small slice. Keep this in mind; our test suite should catch it.

# %% [markdown]
# ## 6. Invariance and directional tests (CheckList style)
#
# CheckList (Ribeiro et al.) tests NLP models the way we test software: by defining
# *behaviors* and generating many test inputs for each. Two kinds carry over directly to
# tabular models:
#
# * An **invariance test** applies a perturbation that *should not matter* and checks that the
#   prediction barely moves. Here: a blood-pressure reading that is 2 mmHg higher or lower is
#   within normal measurement noise.
# * A **directional test** applies a change with a *known expected direction*. Here: with
#   everything else equal, a higher BMI should not *lower* the predicted progression.
#
# These tests need no labels: we can perturb any input, including fresh production data.
# The expectation comes from domain knowledge, so discuss it with domain experts before
# you encode it.

# %%
def perturb(X, column, delta, seed=SEED, random_sign=False):
    """Return a copy of X with `delta` added to `column` (optionally with random signs)."""
    rng = np.random.default_rng(seed)
    Xp = X.copy()
    signs = rng.choice([-1.0, 1.0], size=len(X)) if random_sign else 1.0
    Xp[column] = Xp[column] + signs * delta
    return Xp


base_pred = model.predict(X_test)
bp_change = np.abs(model.predict(perturb(X_test, "bp", 2.0, random_sign=True)) - base_pred)
bmi_change = model.predict(perturb(X_test, "bmi", 2.0)) - base_pred
print(f"±2 mmHg blood pressure: largest prediction change {bp_change.max():.2f} points")
print(f"+2 BMI: prediction change ranges from {bmi_change.min():.2f} to {bmi_change.max():.2f} points")
# For a linear model the BMI effect is the same for every patient (coefficient x 2);
# for nonlinear models it can differ from patient to patient, even in sign.

# %% [markdown]
# ## 7. Requirements as pytest-style test functions
#
# pytest discovers functions whose names start with `test_` and reports every failing `assert`.
# Test functions declare what they need as **parameters** (pytest calls these *fixtures*):
# here the model and the test data. A good assertion message says what was expected and what
# was observed, so a failing build explains itself.

# %%
def test_overall_mae(model, X_test, y_test):
    """R1: overall error bound."""
    mae = mean_absolute_error(y_test, model.predict(X_test))
    assert mae <= REQUIREMENTS["max_mae"], f"MAE {mae:.1f} exceeds {REQUIREMENTS['max_mae']}"


def test_beats_mean_baseline(model, X_train, y_train, X_test, y_test):
    """R2: clearly better than predicting the average."""
    baseline = DummyRegressor(strategy="mean").fit(X_train, y_train)
    base_mae = mean_absolute_error(y_test, baseline.predict(X_test))
    mae = mean_absolute_error(y_test, model.predict(X_test))
    improvement = 1 - mae / base_mae
    assert improvement >= REQUIREMENTS["min_improvement_over_mean"], (
        f"only {improvement:.0%} better than the mean predictor"
    )


def test_beats_bmi_only_baseline(model, X_train, y_train, X_test, y_test):
    """R3: better than the simplest sensible model."""
    simple = LinearRegression().fit(X_train[["bmi"]], y_train)
    simple_mae = mean_absolute_error(y_test, simple.predict(X_test[["bmi"]]))
    mae = mean_absolute_error(y_test, model.predict(X_test))
    assert mae < simple_mae, f"MAE {mae:.1f} not below BMI-only baseline {simple_mae:.1f}"


def test_no_slice_much_worse(model, X_test, y_test):
    """R4: no sufficiently large slice is much worse than average."""
    report, _ = slice_report(model, X_test, y_test)
    large = report[report["n"] >= REQUIREMENTS["min_slice_size"]]
    bad = large[large["ratio to overall"] > REQUIREMENTS["max_slice_ratio"]]
    assert bad.empty, "slices above limit: " + ", ".join(
        f"{name} ({row['ratio to overall']:.2f}x)" for name, row in bad.iterrows()
    )


def test_invariant_to_bp_noise(model, X_test):
    """R5: small blood-pressure noise barely changes predictions."""
    before = model.predict(X_test)
    after = model.predict(perturb(X_test, "bp", REQUIREMENTS["bp_noise_mmhg"], random_sign=True))
    worst = np.abs(after - before).max()
    assert worst <= REQUIREMENTS["max_change_under_bp_noise"], f"prediction moved by {worst:.1f} points"


def test_higher_bmi_never_lowers_prediction(model, X_test):
    """R6: directional expectation for BMI."""
    before = model.predict(X_test)
    after = model.predict(perturb(X_test, "bmi", REQUIREMENTS["bmi_increase"]))
    decreased = (after < before - REQUIREMENTS["directional_tolerance"]).sum()
    assert decreased == 0, f"{decreased} of {len(X_test)} predictions went down when BMI went up"


def test_predictions_in_plausible_range(model, X_test):
    """R7: sanity check on the output range."""
    low, high = REQUIREMENTS["plausible_range"]
    pred = model.predict(X_test)
    assert low <= pred.min() and pred.max() <= high, f"range [{pred.min():.0f}, {pred.max():.0f}]"


def test_prediction_latency(model, X_test):
    """R8: batch inference is fast enough."""
    batch = X_test.sample(1000, replace=True, random_state=SEED)
    start = time.perf_counter()
    model.predict(batch)
    seconds = time.perf_counter() - start
    assert seconds < REQUIREMENTS["max_seconds_per_1000"], f"took {seconds:.3f}s"

# %% [markdown]
# ## 8. A tiny test runner
#
# Inside a notebook we do not have pytest's machinery, so we write a ten-line imitation: find
# every `test_` function, pass it the fixtures its parameters ask for, and record whether its
# assertions hold. A failure does not stop the run; we want to see *all* results.

# %%
def run_tests(namespace, fixtures):
    """Run every test_* function in `namespace`, injecting fixtures by parameter name."""
    results = []
    for name, func in namespace.items():
        if not (name.startswith("test_") and callable(func)):
            continue
        kwargs = {param: fixtures[param] for param in inspect.signature(func).parameters}
        try:
            func(**kwargs)
            results.append({"test": name, "result": "PASS", "message": ""})
        except AssertionError as error:
            results.append({"test": name, "result": "FAIL", "message": str(error)})
    return pd.DataFrame(results).set_index("test")


fixtures = {"model": model, "X_train": X_train, "y_train": y_train, "X_test": X_test, "y_test": y_test}
report = run_tests(dict(globals()), fixtures)
print(f"{(report['result'] == 'PASS').sum()} passed, {(report['result'] == 'FAIL').sum()} failed")
report

# %% [markdown]
# Seven requirements hold; R4 fails for the BMI 25–30 slice, just as the slice plot suggested.
# What now? A failing model test is a *finding* that needs a decision, not a line to delete:
#
# * investigate (are these patients different in ways our features miss? is the data for this
#   group noisier?), and possibly collect more data or add features;
# * try other models and check whether they fix the slice without breaking other requirements;
# * if stakeholders accept the weakness for now, document it and mark the test as a *known
#   failure* with a link to the issue, so it cannot silently get worse and is not forgotten.
#
# Quietly relaxing the threshold until the test passes is the one option that defeats the
# purpose of having the test.

# %% [markdown]
# ## 9. From notebook to a `tests/` folder
#
# In a project, these tests live next to the training code and run in continuous integration
# every time the code, the data or the model changes. A typical layout:
#
# ```
# project/
# ├── train.py                  # produces model.joblib and the evaluation split
# ├── artifacts/model.joblib
# └── tests/
#     ├── conftest.py           # fixtures: load model and data once
#     └── test_model_quality.py # one test per requirement
# ```
#
# The next cell writes a small version of this layout into a temporary folder (nothing is
# written to your working directory), prints the two test files, and runs pytest on them if
# pytest is installed. Note the `xfail` marker that records the known slice problem.

# %%
CONFTEST = '''
import joblib
import pytest

@pytest.fixture(scope="session")
def bundle(pytestconfig):
    return joblib.load(pytestconfig.rootpath / "artifacts" / "model.joblib")

@pytest.fixture(scope="session")
def model(bundle):
    return bundle["model"]

@pytest.fixture(scope="session")
def X_test(bundle):
    return bundle["X_test"]

@pytest.fixture(scope="session")
def y_test(bundle):
    return bundle["y_test"]
'''

TEST_FILE = '''
import numpy as np
import pytest
from sklearn.metrics import mean_absolute_error

MAX_MAE = 50.0
MAX_SLICE_RATIO = 1.2

def test_overall_mae(model, X_test, y_test):
    mae = mean_absolute_error(y_test, model.predict(X_test))
    assert mae <= MAX_MAE, f"MAE {mae:.1f} exceeds {MAX_MAE}"

def test_higher_bmi_never_lowers_prediction(model, X_test):
    bumped = X_test.assign(bmi=X_test["bmi"] + 2.0)
    assert (model.predict(bumped) >= model.predict(X_test) - 0.5).all()

@pytest.mark.parametrize("low, high", [(0, 25), (25, 30), (30, 100)])
def test_bmi_slices(model, X_test, y_test, low, high, request):
    if (low, high) == (25, 30):
        request.applymarker(pytest.mark.xfail(reason="known weakness, see issue #12"))
    overall = mean_absolute_error(y_test, model.predict(X_test))
    mask = (X_test["bmi"] > low) & (X_test["bmi"] <= high)
    sliced = mean_absolute_error(y_test[mask], model.predict(X_test[mask]))
    assert sliced <= MAX_SLICE_RATIO * overall, f"slice MAE {sliced:.1f} vs overall {overall:.1f}"
'''

print("# tests/conftest.py" + CONFTEST)
print("# tests/test_model_quality.py" + TEST_FILE)

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "artifacts").mkdir()
    (root / "tests").mkdir()
    joblib.dump({"model": model, "X_test": X_test, "y_test": y_test}, root / "artifacts" / "model.joblib")
    (root / "tests" / "conftest.py").write_text(CONFTEST)
    (root / "tests" / "test_model_quality.py").write_text(TEST_FILE)
    if importlib.util.find_spec("pytest") is None:
        print("pytest is not installed here; run `pip install pytest` and then `pytest -q tests/`.")
    else:
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "--color=no", "-p", "no:cacheprovider", "--rootdir", tmp, "tests"],
            cwd=tmp,
            capture_output=True,
            text=True,
        )
        print("$ pytest -q tests/")
        print(run.stdout.strip().splitlines()[-1])  # the summary line

# %% [markdown]
# ## 10. Exercises
#
# 1. **Test another model.** Train a `RandomForestRegressor(n_estimators=100,
#    min_samples_leaf=5, random_state=SEED)` and run the *same* test suite against it with
#    `run_tests`. Which requirements does it meet, and which does it break? Explain why a tree
#    ensemble can fail R5 and R6 even when its average error is similar.
# 2. **Write a new test.** Add a test for a requirement of your own, for example "predictions
#    do not change when the row order of the input changes" or "age changes of ±1 year move no
#    prediction by more than 3 points". Run the suite again.
# 3. **Question the requirements.** R4 uses a fixed ratio and a minimum slice size of 20. Argue
#    whether the test should instead use the bootstrap interval (e.g., fail only if the lower
#    end of the slice's CI exceeds the limit). What are the risks of each variant?
#
# A worked solution for exercises 1 and 2 follows (collapsed on the course website).

# %% tags=["hide-input"]
# Worked solution for exercises 1 and 2.
from sklearn.ensemble import RandomForestRegressor

forest = RandomForestRegressor(n_estimators=100, min_samples_leaf=5, random_state=SEED, n_jobs=1)
forest.fit(X_train, y_train)


def test_row_order_does_not_matter(model, X_test):
    """Exercise 2: shuffling the input rows only shuffles the outputs."""
    order = np.random.default_rng(SEED).permutation(len(X_test))
    assert np.allclose(model.predict(X_test)[order], model.predict(X_test.iloc[order]))


comparison = pd.DataFrame(
    {
        "ridge": run_tests(dict(globals()), fixtures)["result"],
        "random forest": run_tests(dict(globals()), {**fixtures, "model": forest})["result"],
    }
)
print(f"random forest test MAE: {mean_absolute_error(y_test, forest.predict(X_test)):.1f}")
comparison

# %% [markdown]
# In the solution, the random forest has a similar average error but breaks the invariance and
# directional requirements: its prediction is a step function of each feature, so a small
# change can cross a split point and jump, and with many trees averaged those jumps do not
# necessarily point in the "expected" direction. Whether that matters is a requirements
# question; the tests make the difference visible before deployment rather than after.
#
# ## Takeaways
#
# * Write quality expectations as **requirements with thresholds**, and keep those thresholds
#   in one reviewable place.
# * Always report results next to **baselines**.
# * **Slice** the evaluation along meaningful groups and look at uncertainty before drawing
#   conclusions from small slices.
# * **Invariance** and **directional** tests check behavior without labels, using domain
#   knowledge.
# * Put all of this into **automated tests** that run whenever the model changes; treat a
#   failure as a finding to resolve or document, not to hide.
