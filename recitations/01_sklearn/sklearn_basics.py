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
# # Training and Evaluating a Model with scikit-learn
#
# *Machine Learning in Production, Spring 2027*
#
# This course is mostly about everything that happens *around* a model. To talk about that
# with confidence, we first need a shared, hands-on picture of how a model gets built and
# measured in the first place. In this recitation we train a small classifier for a
# hypothetical **cancer screening assistant**: a tool that looks at measurements from a
# tissue sample and flags cases a pathologist should review with priority.
#
# **Learning goals.** After this recitation you should be able to
#
# 1. load a tabular data set and explore it with pandas before modeling;
# 2. split data into training and test sets and explain why the test set must stay untouched;
# 3. build a scikit-learn `Pipeline` that bundles preprocessing with a model;
# 4. compute accuracy, precision, recall and a confusion matrix, and read them correctly;
# 5. use cross-validation to get a more stable estimate than a single split;
# 6. argue which metric (and which decision threshold) fits a concrete application.
#
# Everything here runs offline in a few seconds: the data set ships inside scikit-learn.

# %% tags=["remove-cell"]
# Setup cell (hidden on the course website): keep the output free of library warnings
# that are irrelevant for this recitation.
import warnings

warnings.filterwarnings("ignore")

# %% [markdown]
# ## 1. Imports and a fixed random seed
#
# We fix one seed and pass it to every function that involves randomness (splitting,
# shuffling, tree construction). That makes the numbers in this notebook reproducible, which
# matters as soon as you want to compare two models fairly or debug a surprising result.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    ConfusionMatrixDisplay,
    accuracy_score,
    confusion_matrix,
    precision_score,
    recall_score,
)
from sklearn.model_selection import StratifiedKFold, cross_validate, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

SEED = 17445  # any fixed number works; we use the course number
pd.set_option("display.precision", 3)

# %% [markdown]
# ## 2. Load the data
#
# The *Wisconsin Diagnostic Breast Cancer* data set has 569 samples. Each row describes
# cell nuclei seen in a digitized image of a fine-needle aspirate: 30 numeric features such as
# radius, texture and concavity (mean, standard error and "worst" value of each).
#
# **Watch out for the label encoding.** In scikit-learn's copy, `target == 0` means
# *malignant* and `target == 1` means *benign*. For a screening tool, the case we want to
# detect is the malignant one, so we re-encode the label so that **1 = malignant** (the
# "positive" class). Getting the positive class wrong silently swaps the meaning of precision
# and recall, a mistake that is easy to make and hard to notice later.

# %%
data = load_breast_cancer(as_frame=True)
X = data.data  # pandas DataFrame with 30 feature columns
y = (data.target == 0).astype(int).rename("malignant")  # 1 = malignant, 0 = benign

print("rows, columns:", X.shape)
X.iloc[:5, :6]  # first rows, first few columns

# %% [markdown]
# ## 3. Explore before you model
#
# A few minutes of exploration answers questions that shape every later decision: How
# balanced are the classes? Are there missing values? Are features on wildly different
# scales (which matters for some models)?

# %%
print("Class counts (1 = malignant):")
print(y.value_counts().sort_index().to_string())
print(f"Share of malignant samples: {y.mean():.1%}")
print("Missing values in the whole table:", int(X.isna().sum().sum()))

# Feature scales differ by orders of magnitude -> a reason to standardize for linear models.
X[["mean radius", "mean area", "mean smoothness", "worst concave points"]].describe().T[
    ["mean", "std", "min", "max"]
]

# %% [markdown]
# A quick plot shows that a single feature already separates the classes reasonably well,
# but with overlap. The overlap region is where the model will make its mistakes.

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
for label, name, color in [(0, "benign", "tab:blue"), (1, "malignant", "tab:red")]:
    ax.hist(X.loc[y == label, "worst concave points"], bins=30, alpha=0.6, label=name, color=color)
ax.set_xlabel("worst concave points")
ax.set_ylabel("number of samples")
ax.set_title("One feature, two classes, some overlap")
ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 4. Hold out a test set
#
# We set aside 25% of the data as a **test set** that we will only use for the final
# evaluation. `stratify=y` keeps the class ratio the same in both parts, which matters for
# small data sets like this one. Everything we decide (model type, hyperparameters,
# threshold) should be decided on the training data only; otherwise the test score is an
# optimistic estimate of how the model will do on new patients.

# %%
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=SEED
)
print(f"train: {len(X_train)} rows ({y_train.mean():.1%} malignant)")
print(f"test:  {len(X_test)} rows ({y_test.mean():.1%} malignant)")

# %% [markdown]
# ## 5. A pipeline: scaling + logistic regression
#
# A `Pipeline` chains preprocessing steps and a model into one object with `fit` and
# `predict`. This is not just convenient, it prevents a classic bug: if you fit the scaler on
# the *whole* data set before splitting, information about the test set leaks into training.
# Inside a pipeline, the scaler only ever sees the data passed to `fit`.
#
# From a production perspective, the pipeline is also the unit you would version and deploy:
# the exact same preprocessing must run at training time and at prediction time.

# %%
logreg = make_pipeline(
    StandardScaler(),
    LogisticRegression(max_iter=1000, random_state=SEED),
)
logreg.fit(X_train, y_train)
print(logreg)
print(f"Test accuracy, logistic regression: {logreg.score(X_test, y_test):.3f}")

# %% [markdown]
# ## 6. A decision tree for comparison
#
# Decision trees do not need scaled features and are easy to inspect, but an unconstrained
# tree memorizes the training data. We limit its depth and compare training and test accuracy:
# a large gap between the two is the signature of overfitting.

# %%
tree = DecisionTreeClassifier(max_depth=4, random_state=SEED)
tree.fit(X_train, y_train)

for name, model in [("logistic regression", logreg), ("decision tree (depth 4)", tree)]:
    print(
        f"{name:24s} train acc = {model.score(X_train, y_train):.3f}   "
        f"test acc = {model.score(X_test, y_test):.3f}"
    )

# %% [markdown]
# ## 7. Beyond accuracy: precision, recall and the confusion matrix
#
# Accuracy treats all mistakes alike. In screening they are not alike:
#
# * a **false negative** (malignant case predicted benign) may delay a diagnosis;
# * a **false positive** (benign case flagged) costs a pathologist some extra review time.
#
# With malignant as the positive class:
#
# * **recall** = of all malignant cases, how many did we flag? (TP / (TP + FN))
# * **precision** = of all flagged cases, how many were malignant? (TP / (TP + FP))

# %%
def evaluate(model, X, y):
    """Return the headline metrics for a fitted classifier as a dict."""
    pred = model.predict(X)
    tn, fp, fn, tp = confusion_matrix(y, pred).ravel()
    return {
        "accuracy": accuracy_score(y, pred),
        "precision": precision_score(y, pred),
        "recall": recall_score(y, pred),
        "false negatives": fn,
        "false positives": fp,
    }


results = pd.DataFrame(
    {"logistic regression": evaluate(logreg, X_test, y_test), "decision tree": evaluate(tree, X_test, y_test)}
).T
results.astype({"false negatives": int, "false positives": int})

# %% [markdown]
# The confusion matrix shows the same information as raw counts. Rows are the true class,
# columns the predicted class; the off-diagonal cells are the mistakes.

# %%
fig, axes = plt.subplots(1, 2, figsize=(8, 3.5))
for ax, (name, model) in zip(axes, [("logistic regression", logreg), ("decision tree", tree)], strict=True):
    ConfusionMatrixDisplay.from_estimator(
        model, X_test, y_test, display_labels=["benign", "malignant"], colorbar=False, ax=ax
    )
    ax.set_title(name)
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 8. Cross-validation: how stable are these numbers?
#
# Our test set has only 143 rows; moving a handful of patients between the training and the
# test set changes the scores noticeably. **k-fold cross-validation** trains and evaluates the
# model k times on different splits of the *training* data and reports the spread. We keep the
# test set out of it, so it stays available for one final check.

# %%
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
scoring = ["accuracy", "precision", "recall"]

rows = {}
for name, model in [("logistic regression", logreg), ("decision tree", tree)]:
    scores = cross_validate(model, X_train, y_train, cv=cv, scoring=scoring)
    rows[name] = {
        f"{metric} (mean ± sd)": f"{scores['test_' + metric].mean():.3f} ± {scores['test_' + metric].std():.3f}"
        for metric in scoring
    }
pd.DataFrame(rows).T

# %% [markdown]
# Two observations to discuss:
#
# * The standard deviations are not tiny. Differences between models smaller than the spread
#   across folds are not convincing evidence that one model is better.
# * The linear model is consistently ahead here, especially in recall. Simple, well-understood
#   models are often a strong choice, and they are cheaper to explain, debug and serve.

# %% [markdown]
# ## 9. Which metric matters for a screening assistant?
#
# The model outputs a probability; `predict` simply applies a threshold of 0.5. For a
# screening assistant, missing a malignant case is far worse than an extra review, so we would
# rather **lower the threshold** and trade precision for recall. The right trade-off is not a
# modeling question alone: it depends on how many extra reviews pathologists can absorb, what
# happens to flagged cases, and who is harmed by each kind of mistake. These are
# *requirements* questions that we return to in the requirements lectures.
#
# Below we look at the trade-off on the test set. (In the exercises you choose a threshold the
# proper way, without peeking at the test set.)

# %%
proba = logreg.predict_proba(X_test)[:, 1]  # estimated probability of "malignant"

rows = []
for threshold in [0.5, 0.3, 0.1, 0.04, 0.01]:
    pred = (proba >= threshold).astype(int)
    rows.append(
        {
            "threshold": threshold,
            "recall": recall_score(y_test, pred),
            "precision": precision_score(y_test, pred),
            "missed malignant (FN)": int(((pred == 0) & (y_test == 1)).sum()),
            "extra reviews (FP)": int(((pred == 1) & (y_test == 0)).sum()),
        }
    )
pd.DataFrame(rows)

# %% [markdown]
# Read the table from top to bottom. Lowering the threshold buys recall only in steps, and each
# step costs extra reviews. Notice also that at least one malignant test case keeps slipping
# through even at very low thresholds: the model is *confidently wrong* about it. No threshold
# fixes such a case without flagging nearly everything. This is why the system around the
# model matters. For example, the assistant could only *prioritize* the work list while a
# pathologist still looks at every sample, instead of filtering samples out.
#
# **A second caveat: prevalence.** About 37% of the samples in this data set are malignant.
# In a real screening population the share is far lower, and precision depends heavily on
# prevalence even when recall and specificity stay the same. Test-set precision therefore
# says little about how many of the flagged cases in production will actually be malignant.
# A metric is only meaningful together with the population it was measured on.
#
# **Discussion questions** (bring your answers to the recitation):
#
# 1. Who are the stakeholders of the screening assistant, and which mistake hurts whom?
# 2. Would you ever deploy the decision tree instead of the logistic regression? What quality
#    other than accuracy could justify it?
# 3. What would you need to know about the deployment setting before promising
#    "recall ≥ 99%" to a hospital?

# %% [markdown]
# ## 10. Exercises
#
# Work in pairs. Each exercise needs only a few lines of code.
#
# 1. **Choose a threshold without touching the test set.** Use `cross_val_predict(...,
#    method="predict_proba")` on the *training* data to get out-of-fold probabilities. Find the
#    largest threshold that achieves a recall of at least 0.98 on those predictions. Then
#    report recall and precision of that threshold on the test set, once.
# 2. **Tune the tree.** Use `GridSearchCV` with the recall scorer to pick `max_depth` from
#    1 to 8 for the decision tree. Does tuning close the gap to logistic regression?
# 3. **Precision in production.** Assume the assistant is used in a population where 2% of
#    samples are malignant. Using the recall and the false-positive rate of your chosen
#    threshold, estimate the precision the pathologists would experience.
#
# The solutions are published on this page after the recitation. Try the exercises first.

# %%
from sklearn.model_selection import GridSearchCV, cross_val_predict

# Exercise 1: out-of-fold probabilities on the training data only.
### BEGIN SOLUTION
oof_proba = cross_val_predict(logreg, X_train, y_train, cv=cv, method="predict_proba")[:, 1]
candidates = np.round(np.arange(0.50, 0.0, -0.01), 2)
chosen = next(t for t in candidates if recall_score(y_train, (oof_proba >= t).astype(int)) >= 0.98)
test_pred = (logreg.predict_proba(X_test)[:, 1] >= chosen).astype(int)
test_recall = recall_score(y_test, test_pred)
test_precision = precision_score(y_test, test_pred)
print(f"Ex. 1: threshold {chosen:.2f} -> test recall {test_recall:.3f}, test precision {test_precision:.3f}")
### END SOLUTION

# %%
# Exercise 2: tune the tree depth with cross-validation on the training data.
### BEGIN SOLUTION
search = GridSearchCV(
    DecisionTreeClassifier(random_state=SEED),
    param_grid={"max_depth": list(range(1, 9))},
    scoring="recall",
    cv=cv,
)
search.fit(X_train, y_train)
print(
    f"Ex. 2: best max_depth = {search.best_params_['max_depth']}, "
    f"CV recall = {search.best_score_:.3f}, test recall = {recall_score(y_test, search.predict(X_test)):.3f}"
)
### END SOLUTION

# %%
# Exercise 3: precision at a different prevalence (Bayes' rule).
### BEGIN SOLUTION
tn, fp, fn, tp = confusion_matrix(y_test, test_pred).ravel()
fpr = fp / (fp + tn)  # share of benign samples that get flagged
prevalence = 0.02
expected_precision = (test_recall * prevalence) / (test_recall * prevalence + fpr * (1 - prevalence))
print(
    f"Ex. 3: false-positive rate {fpr:.3f}; at {prevalence:.0%} prevalence roughly "
    f"{expected_precision:.1%} of flagged samples would be malignant"
)
### END SOLUTION

# %% [markdown]
# ## Takeaways
#
# * Decide what the **positive class** is and check the label encoding before computing metrics.
# * Keep a **test set** untouched; make modeling decisions with cross-validation on training data.
# * Put preprocessing and model into one **pipeline**: it avoids leakage and is what you deploy.
# * **Accuracy hides** the kinds of mistakes; precision, recall and the confusion matrix show them.
# * The right metric and threshold come from the **application and its stakeholders**, and
#   offline numbers only transfer to production if the data looks like production data.
#
# The recitation on measuring and unit-testing model quality builds on this: there we turn
# quality expectations into automated tests.
