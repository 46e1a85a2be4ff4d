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
# # Collaborative Filtering for Movie Recommendations
#
# *Machine Learning in Production, Spring 2027*
#
# The team project asks you to build and operate a movie recommendation service (see the
# project description under *Assignments* on the course website). This recitation gives you
# a working mental model of the classic technique behind many recommenders, **collaborative
# filtering**: predict what a user will think of a movie from the ratings of *other* users,
# without knowing anything about the movie's content.
#
# We work on a small synthetic ratings matrix so that everything runs in seconds and, unlike
# in real life, we know the *true* preferences behind the ratings. That lets us check not only
# whether a method predicts held-out ratings well, but whether its recommendations are
# actually good for the users.
#
# **Learning goals.** After this recitation you should be able to
#
# 1. represent ratings as a sparse user × item matrix and explain why most entries are missing;
# 2. implement user-based and item-based neighborhood methods;
# 3. implement matrix factorization with alternating least squares (ALS) in numpy;
# 4. evaluate with RMSE on held-out ratings and compare against baselines;
# 5. produce top-N recommendations and judge them beyond RMSE;
# 6. explain the cold-start problem and how recommendations can create **feedback loops**.

# %% tags=["remove-cell"]
# Setup cell (hidden on the course website): silence library warnings.
import warnings

warnings.filterwarnings("ignore")

# %% [markdown]
# ## 1. Imports and seed

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

SEED = 17445
rng = np.random.default_rng(SEED)  # one generator for all data generation below
pd.set_option("display.precision", 2)

# %% [markdown]
# ## 2. A synthetic world: 60 users, 40 movies
#
# We generate ratings from a **latent factor model**, the same assumption matrix factorization
# makes later. Each movie belongs to one of four genres and gets a small vector describing
# how much it has of each "genre flavor". Each user gets a vector of genre tastes. A user's
# true affinity for a movie is a baseline plus a user bias (some people rate everything
# higher), a movie bias (some movies are just better) and the dot product of the two vectors.
# Observed ratings add noise and are rounded to whole stars from 1 to 5.

# %%
n_users, n_movies, n_genres = 60, 40, 4
genre_names = ["Action", "Comedy", "Drama", "Documentary"]
titles = [
    # Action
    "Iron Harbor", "Night Pursuit", "Redline Protocol", "Steel Horizon", "Last Extraction",
    "Thunder Pass", "Rogue Signal", "Blast Radius", "Shadow Convoy", "Final Ascent",
    # Comedy
    "Office Llamas", "My Cousin's Wedding Again", "Parking Wars", "The Accidental Chef",
    "Roommates from Mars", "Totally Normal Family", "Karaoke Kings", "Lost in Pittsburgh",
    "Bad Idea Club", "The Great Sock Mystery",
    # Drama
    "Quiet Rivers", "The Letter Keeper", "Winter Orchard", "Paper Lanterns", "A Long Way Home",
    "Salt and Stone", "The Piano Teacher's Son", "Borrowed Time", "Glass Houses", "Evening Tide",
    # Documentary
    "Deep Ocean Giants", "The Code Breakers", "Inside the Hive", "Rivers of Ice",
    "Voices of the Mill", "The Last Lighthouse", "Mapping the Brain", "Seeds of Change",
    "Night Sky Stories", "Bridges of Steel",
]
genre_of_movie = np.repeat(np.arange(n_genres), n_movies // n_genres)
movies = pd.DataFrame({"title": titles, "genre": [genre_names[g] for g in genre_of_movie]})

# Latent factors: movies mostly load on their own genre; users have random genre tastes.
movie_factors = np.eye(n_genres)[genre_of_movie] + rng.normal(0, 0.25, (n_movies, n_genres))
user_factors = rng.normal(0, 1.0, (n_users, n_genres))
movie_bias = rng.normal(0, 0.4, n_movies)
user_bias = rng.normal(0, 0.3, n_users)

# The "true" expected rating of every user for every movie (unknown in real life).
true_affinity = np.clip(3.0 + user_bias[:, None] + movie_bias[None, :] + user_factors @ movie_factors.T, 1, 5)
# What a user would report after watching: noisy and rounded to whole stars.
all_ratings = np.clip(np.round(true_affinity + rng.normal(0, 0.4, true_affinity.shape)), 1, 5)
print("true affinity range:", true_affinity.min().round(2), "to", true_affinity.max().round(2))

# %% [markdown]
# ## 3. Most ratings are missing, and not at random
#
# Users rate only movies they watched. Which movies get watched is not random: popular movies
# are watched more, active users watch more, and people tend to pick movies they expect to
# like. We model all three effects. The last one matters a lot: the ratings we *see* are
# more positive than the ratings we would see if everyone watched everything. This is
# **selection bias**, and real rating data (including the data in the course project) has it.

# %%
popularity = rng.uniform(0.35, 1.0, n_movies)  # how likely a movie is to be watched at all
activity = rng.uniform(0.5, 1.3, n_users)  # how much a user watches
p_watch = np.clip(activity[:, None] * popularity[None, :] * (0.6 + 0.2 * (true_affinity - 3)), 0.02, 0.95)
observed = rng.random((n_users, n_movies)) < p_watch

# The ratings matrix as users would report it: NaN where the user did not rate the movie.
R = np.where(observed, all_ratings, np.nan)
ratings = pd.DataFrame(R, index=[f"user {u}" for u in range(n_users)], columns=titles)

print(f"observed ratings: {observed.sum()} of {observed.size} ({observed.mean():.0%} of the matrix)")
print(f"mean observed rating {np.nanmean(R):.2f} vs. mean over all user-movie pairs {all_ratings.mean():.2f}")
ratings.iloc[:6, :6]

# %%
# Left: which entries are observed (dark = rated). Right: how unevenly ratings are spread over movies.
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.5))
ax1.imshow(observed, aspect="auto", cmap="Greys", interpolation="nearest")
ax1.set_xlabel("movie")
ax1.set_ylabel("user")
ax1.set_title("observed entries")
counts_per_movie = np.sort(observed.sum(axis=0))[::-1]
ax2.bar(np.arange(n_movies), counts_per_movie)
ax2.set_xlabel("movies, most-rated first")
ax2.set_ylabel("number of ratings")
ax2.set_title("ratings per movie")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 4. Hold out ratings for evaluation
#
# For each user we hide 20% of their ratings as a test set. Every method below only sees the
# training ratings. We measure **RMSE** (root mean squared error, in stars) on the hidden
# ratings. Because our data is synthetic, we can also compute the RMSE of a perfect oracle
# that knows the true affinities: no method can beat the noise in the ratings themselves.

# %%
test_mask = np.zeros_like(observed)
for u in range(n_users):
    rated = np.flatnonzero(observed[u])
    n_hidden = max(1, int(0.2 * len(rated)))
    test_mask[u, rng.choice(rated, size=n_hidden, replace=False)] = True
train_mask = observed & ~test_mask
R_train = np.where(train_mask, R, np.nan)


def rmse(predictions, mask=test_mask):
    """RMSE between a full prediction matrix and the observed ratings at `mask`."""
    return float(np.sqrt(np.mean((predictions[mask] - R[mask]) ** 2)))


print(f"training ratings: {train_mask.sum()}, test ratings: {test_mask.sum()}")
print(f"oracle RMSE (true affinities): {rmse(true_affinity):.3f}")

# %% [markdown]
# ## 5. Baselines: global mean and movie popularity
#
# Two baselines any recommender must beat:
#
# * **global mean**: predict the average training rating for everything;
# * **movie mean**: predict each movie's average rating. We *shrink* it towards the global mean
#   (as if each movie had 5 extra average ratings), so that a movie with two ratings of 5
#   does not beat a movie with fifty ratings averaging 4.8.

# %%
global_mean = np.nanmean(R_train)
n_train_ratings = train_mask.sum(axis=0)
movie_mean = (np.nansum(R_train, axis=0) + 5 * global_mean) / (n_train_ratings + 5)

pred_global = np.full((n_users, n_movies), global_mean)
pred_movie_mean = np.tile(movie_mean, (n_users, 1))
results = {"global mean": rmse(pred_global), "movie mean (shrunk)": rmse(pred_movie_mean)}
pd.Series(results, name="test RMSE").to_frame()

# %% [markdown]
# ## 6. User-based collaborative filtering
#
# Idea: to predict user *u*'s rating of movie *i*, find users with similar taste who rated *i*
# and average their opinions.
#
# 1. **Center** each user's ratings on their own mean, so that a generous rater and a strict
#    rater who like the same movies look similar.
# 2. Compute **cosine similarity** between users' centered rating vectors (missing = 0).
# 3. Predict *u*'s mean plus the similarity-weighted average of the centered ratings of the
#    *k* most similar users who rated *i* (ignoring negatively similar users).

# %%
user_mean = np.nanmean(R_train, axis=1)
centered = np.where(train_mask, R_train - user_mean[:, None], 0.0)


def cosine_similarity_rows(M):
    """Cosine similarity between all pairs of rows of M (zero rows get similarity 0)."""
    norms = np.linalg.norm(M, axis=1)
    sim = (M @ M.T) / (np.outer(norms, norms) + 1e-9)
    np.fill_diagonal(sim, 0.0)  # a user is not their own neighbor
    return sim


def predict_user_based(k=10):
    user_sim = cosine_similarity_rows(centered)
    pred = np.tile(user_mean[:, None], (1, n_movies))
    for i in range(n_movies):
        raters = np.flatnonzero(train_mask[:, i])
        for u in range(n_users):
            neighbors = raters[np.argsort(-user_sim[u, raters])][:k]
            weights = np.clip(user_sim[u, neighbors], 0, None)
            if weights.sum() > 0:
                pred[u, i] += weights @ centered[neighbors, i] / weights.sum()
    return np.clip(pred, 1, 5)


pred_user_based = predict_user_based(k=10)
results["user-based kNN (k=10)"] = rmse(pred_user_based)
print(f"user-based kNN test RMSE: {results['user-based kNN (k=10)']:.3f}")

# %% [markdown]
# ## 7. Item-based collaborative filtering
#
# The mirror image: movies are similar if the same users rate them similarly. To predict *u*'s
# rating of *i*, look at the movies *u* already rated that are most similar to *i*. Item-based
# methods are popular in production because movie-movie similarities change slowly and can be
# precomputed, while a user's neighborhood changes with every new rating.

# %%
def predict_item_based(k=10):
    item_sim = cosine_similarity_rows(centered.T)  # similarity between movie columns
    pred = np.tile(user_mean[:, None], (1, n_movies))
    for u in range(n_users):
        rated = np.flatnonzero(train_mask[u])
        for i in range(n_movies):
            neighbors = rated[np.argsort(-item_sim[i, rated])][:k]
            weights = np.clip(item_sim[i, neighbors], 0, None)
            if weights.sum() > 0:
                pred[u, i] += weights @ centered[u, neighbors] / weights.sum()
    return np.clip(pred, 1, 5)


pred_item_based = predict_item_based(k=10)
results["item-based kNN (k=10)"] = rmse(pred_item_based)
print(f"item-based kNN test RMSE: {results['item-based kNN (k=10)']:.3f}")

# %% [markdown]
# ## 8. Matrix factorization with alternating least squares
#
# Matrix factorization assumes the rating matrix is approximately
#
# $$\hat r_{ui} = \mu + b_u + b_i + p_u \cdot q_i$$
#
# with a global mean $\mu$, biases $b_u$ and $b_i$, and short vectors $p_u$ (user) and $q_i$
# (movie) of length $k$. We fit them by minimizing squared error on the *observed* entries
# plus an L2 penalty $\lambda$ that keeps the vectors small (and prevents overfitting users
# with few ratings).
#
# **ALS** exploits a neat property: if all movie vectors are fixed, finding the best vector for
# one user is an ordinary ridge regression with a closed-form solution, and vice versa. So
# we alternate: solve for all users, then for all movies, and repeat. We fold the bias into
# each regression by appending a constant 1 feature.

# %%
def als(train_mask, ratings, k=4, lam=1.0, iterations=15, seed=SEED, track=None, params=None):
    """Fit biased matrix factorization by ALS. Returns the full prediction matrix.

    ratings: matrix with the training ratings (values outside train_mask are ignored).
    track:   optional list; (iteration, train RMSE, test RMSE) tuples are appended to it.
    params:  optional dict; filled with the fitted mu, P, Q, b_user, b_movie.
    """
    local_rng = np.random.default_rng(seed)
    n_u, n_i = ratings.shape
    mu = ratings[train_mask].mean()
    P, Q = local_rng.normal(0, 0.1, (n_u, k)), local_rng.normal(0, 0.1, (n_i, k))
    b_user, b_movie = np.zeros(n_u), np.zeros(n_i)
    penalty = lam * np.eye(k + 1)
    for it in range(iterations):
        Q1 = np.hstack([Q, np.ones((n_i, 1))])  # movie vectors plus a constant for the user bias
        for u in range(n_u):
            m = train_mask[u]
            target = ratings[u, m] - mu - b_movie[m]
            sol = np.linalg.solve(Q1[m].T @ Q1[m] + penalty, Q1[m].T @ target)
            P[u], b_user[u] = sol[:k], sol[k]
        P1 = np.hstack([P, np.ones((n_u, 1))])  # user vectors plus a constant for the movie bias
        for i in range(n_i):
            m = train_mask[:, i]
            target = ratings[m, i] - mu - b_user[m]
            sol = np.linalg.solve(P1[m].T @ P1[m] + penalty, P1[m].T @ target)
            Q[i], b_movie[i] = sol[:k], sol[k]
        pred = np.clip(mu + b_user[:, None] + b_movie[None, :] + P @ Q.T, 1, 5)
        if track is not None:
            track.append((it + 1, rmse(pred, train_mask), rmse(pred, test_mask)))
    if params is not None:
        params.update(mu=mu, P=P, Q=Q, b_user=b_user, b_movie=b_movie)
    return pred


R_filled = np.nan_to_num(R)  # NaNs replaced by 0; only entries in train_mask are ever read
history = []
pred_mf = als(train_mask, R_filled, k=4, lam=1.0, iterations=15, track=history)
results["matrix factorization (ALS, k=4)"] = rmse(pred_mf)

hist = pd.DataFrame(history, columns=["iteration", "train RMSE", "test RMSE"]).set_index("iteration")
ax = hist.plot(figsize=(6, 3.2), marker=".", title="ALS: error per iteration")
ax.axhline(rmse(true_affinity), color="gray", linestyle=":", label="oracle")
ax.set_ylabel("RMSE (stars)")
ax.legend()
plt.tight_layout()
plt.show()

results["oracle (true affinities)"] = rmse(true_affinity)
pd.Series(results, name="test RMSE").to_frame()

# %% [markdown]
# The training error keeps falling well below the oracle's error: the model starts fitting
# noise. The test error is what counts. Here matrix factorization is ahead of the
# neighborhood methods and far ahead of the baselines, but still well above the oracle: with
# about 13 training ratings per user there is not much to learn from. Also note that the movie
# mean is no better than the global mean. In this world, *who* watches matters more than
# *what* is watched, and only personalized methods can exploit that.
#
# ## 9. From predicted ratings to top-N recommendations
#
# Users never see RMSE; they see a short list. To recommend, we rank the movies a user has
# *not* rated by predicted rating and show the top N. Here is user 7, with the model's
# prediction next to the true affinity only our synthetic world reveals.

# %%
def top_n(scores, already_rated, n=5):
    """Indices of the n highest-scoring movies per user, skipping already-rated movies."""
    masked = np.where(already_rated, -np.inf, scores)
    return np.argsort(-masked, axis=1, kind="stable")[:, :n]


user = 7
taste = pd.Series(user_factors[user], index=genre_names).round(2)
print(f"user {user}'s hidden genre tastes: {taste.to_dict()}")

popularity_scores = np.tile(n_train_ratings.astype(float), (n_users, 1))  # most-rated first
for name, scores in [("matrix factorization", pred_mf), ("popularity", popularity_scores)]:
    picks = top_n(scores, train_mask, n=5)[user]
    table = movies.iloc[picks].assign(
        MF_predicted=pred_mf[user, picks], true_affinity=true_affinity[user, picks]
    )
    print(f"\nTop 5 for user {user} by {name}:")
    print(table.to_string(index=False))

# %% [markdown]
# Looking at one user is anecdotal. Because we know the true affinities, we can measure for
# *all* users how much they would actually like their top 5, and how many different movies
# the recommender uses overall (**catalog coverage**). In a real system you would need an
# online experiment or user feedback for the first number; we return to this in the lectures
# on quality assessment in production.

# %%
random_scores = np.random.default_rng(SEED).random((n_users, n_movies))
rows = {}
for name, scores in [
    ("random", random_scores),
    ("popularity (most rated)", popularity_scores),
    ("item-based kNN", pred_item_based),
    ("matrix factorization", pred_mf),
]:
    picks = top_n(scores, train_mask, n=5)
    rows[name] = {
        "mean true affinity of top 5": true_affinity[np.arange(n_users)[:, None], picks].mean(),
        "distinct movies recommended": len(np.unique(picks)),
    }
pd.DataFrame(rows).T.astype({"distinct movies recommended": int})

# %% [markdown]
# ## 10. Cold start
#
# Collaborative filtering needs ratings. A **new user** with no ratings has no factors and no
# neighbors; a **new movie** nobody has rated can never be recommended by collaborative
# filtering alone, so it never gets ratings either. Common remedies:
#
# * fall back to popularity (possibly per region or time of day) for brand-new users;
# * ask for a few ratings during onboarding and **fold the user in**: keep the movie factors
#   fixed and solve the one small ridge regression for the new user, with no retraining;
# * use content (genre, cast, description) for new movies until they collect ratings.
#
# Below, a new user who loves documentaries rates three movies, and we fold them in using movie
# factors of the model trained above.

# %%
def fold_in(new_ratings, mu, Q, b_movie, lam=1.0):
    """Predict all movies for a new user, given a dict {movie index: rating}.

    Solves the same small ridge regression ALS solves for each user, with movies fixed.
    """
    idx = np.array(list(new_ratings))
    target = np.array(list(new_ratings.values())) - mu - b_movie[idx]
    A = np.hstack([Q[idx], np.ones((len(idx), 1))])
    sol = np.linalg.solve(A.T @ A + lam * np.eye(A.shape[1]), A.T @ target)
    return np.clip(mu + b_movie + Q @ sol[:-1] + sol[-1], 1, 5)


fitted = {}
als(train_mask, R_filled, k=4, lam=1.0, iterations=15, params=fitted)  # movie side of the model
onboarding = {30: 5, 33: 5, 12: 1}  # loves two documentaries, dislikes a comedy
scores_new = fold_in(onboarding, fitted["mu"], fitted["Q"], fitted["b_movie"])
already = np.isin(np.arange(n_movies), list(onboarding))

print("No ratings yet -> popularity fallback:")
print(movies.iloc[top_n(n_train_ratings[None, :].astype(float), already[None, :], 5)[0]].to_string(index=False))
print("\nAfter three onboarding ratings (folded in):")
print(movies.iloc[top_n(scores_new[None, :], already[None, :], 5)[0]].to_string(index=False))

# %% [markdown]
# ## 11. Feedback loops
#
# A deployed recommender changes the data it later learns from: users mostly watch and rate
# what they are shown. We simulate five rounds. In each round every user gets two
# recommendations, watches both, and rates them; then the system updates. We compare a
# **popularity** policy (recommend the most-rated unseen movies) with **matrix factorization**
# retrained each round, and track how concentrated the ratings become, measured by the Gini
# coefficient of the number of ratings per movie (0 = perfectly even, 1 = all on one movie).

# %%
def gini(x):
    """Gini coefficient of a non-negative vector."""
    x = np.sort(np.asarray(x, dtype=float))
    n = len(x)
    return float((2 * np.arange(1, n + 1) - n - 1) @ x / (n * x.sum()))


def simulate(policy, rounds=5, per_round=2, seed=SEED):
    sim_rng = np.random.default_rng(seed)
    seen, ratings_now = train_mask.copy(), np.where(train_mask, R_filled, 0.0)
    start_counts = seen.sum(axis=0)
    log = []
    for rnd in range(1, rounds + 1):
        if policy == "popularity":
            scores = np.tile(seen.sum(axis=0).astype(float), (n_users, 1))
        else:
            scores = als(seen, ratings_now, k=4, lam=1.0, iterations=8)
        picks = top_n(scores, seen, n=per_round)
        rows_idx = np.arange(n_users)[:, None]
        seen[rows_idx, picks] = True  # users watch and rate what they were shown
        noisy = true_affinity[rows_idx, picks] + sim_rng.normal(0, 0.4, picks.shape)
        ratings_now[rows_idx, picks] = np.clip(np.round(noisy), 1, 5)
        new_counts = seen.sum(axis=0) - start_counts
        log.append(
            {
                "policy": policy,
                "round": rnd,
                "mean true affinity of picks": true_affinity[rows_idx, picks].mean(),
                "movies with no new ratings": int((new_counts == 0).sum()),
                "Gini of ratings per movie": gini(seen.sum(axis=0)),
            }
        )
    return log


loop = pd.DataFrame(simulate("popularity") + simulate("matrix factorization"))
print(f"Gini before deployment: {gini(train_mask.sum(axis=0)):.3f}")
fig, ax = plt.subplots(figsize=(6, 3.2))
for policy, group in loop.groupby("policy"):
    ax.plot(group["round"], group["Gini of ratings per movie"], marker="o", label=policy)
ax.axhline(gini(train_mask.sum(axis=0)), color="gray", linestyle=":", label="before deployment")
ax.set_xticks(range(1, 6))
ax.set_xlabel("round")
ax.set_ylabel("Gini of ratings per movie")
ax.set_title("Who gets rated depends on who gets recommended")
ax.legend()
plt.tight_layout()
plt.show()
loop.set_index(["policy", "round"])

# %% [markdown]
# The popularity policy shows a **rich-get-richer loop**: the movies that were popular at the
# start collect most new ratings, which keeps them on top, while a quarter of the catalog
# gets no new ratings at all. Concentration rises and only levels off once users have seen
# the popular movies and the policy has to move down its list.
#
# Matrix factorization spreads attention more evenly and picks movies users like more. It is
# not immune, though: it only learns about movies it shows, so a movie it underestimates early
# stays underestimated. (Affinity drops in later rounds
# partly because in a 40-movie catalog users simply run out of good unseen movies.)
#
# **Connection to the project.** In the movie recommendation project, the ratings and watch
# events you train on are produced by users interacting with *your* recommendations. When
# you evaluate a new model offline on that data, you measure how well it agrees with a world
# your previous model shaped. Milestone 4 asks you to reason about exactly such feedback loops
# and how to detect them with telemetry. Cold-start users will hit your service from day
# one, so plan the fallback early.
#
# ## 12. Exercises
#
# 1. **Tune without cheating.** We picked `k=4` and `lam=1.0` by hand. Split the *training*
#    ratings once more into a fit part and a validation part, try `k` in {1, 2, 4, 8} and `lam`
#    in {0.3, 1, 3, 10}, pick the best on validation, then report test RMSE once.
# 2. **A stronger baseline.** Our ALS with `k=0` fits only the global mean and the two
#    biases. How much of matrix factorization's advantage over the movie-mean baseline comes
#    from the biases alone?
# 3. **Discuss.** Our held-out ratings were sampled from the observed ratings, which are
#    biased toward movies users chose. How does that make offline RMSE optimistic or
#    misleading for a recommender that is supposed to suggest movies users would not have found
#    on their own? What telemetry in production could give you a better signal?
#
# A worked solution for exercises 1 and 2 follows (collapsed on the course website).

# %% tags=["hide-input"]
# Worked solution for exercises 1 and 2.
split_rng = np.random.default_rng(SEED + 1)
validation_mask = train_mask & (split_rng.random(train_mask.shape) < 0.2)
fit_mask = train_mask & ~validation_mask

grid = []
for k in [1, 2, 4, 8]:
    for lam in [0.3, 1.0, 3.0, 10.0]:
        pred = als(fit_mask, R_filled, k=k, lam=lam, iterations=15)
        grid.append({"k": k, "lam": lam, "validation RMSE": rmse(pred, validation_mask)})
grid = pd.DataFrame(grid)
best = grid.loc[grid["validation RMSE"].idxmin()]
print(f"Ex. 1: best on validation: k={int(best['k'])}, lam={best['lam']} "
      f"(validation RMSE {best['validation RMSE']:.3f})")
final = als(train_mask, R_filled, k=int(best["k"]), lam=best["lam"], iterations=15)
print(f"       test RMSE after refitting on all training ratings: {rmse(final):.3f}")

bias_only = als(train_mask, R_filled, k=0, lam=1.0, iterations=15)
print(f"Ex. 2: biases only (k=0) test RMSE: {rmse(bias_only):.3f} "
      f"vs movie mean {results['movie mean (shrunk)']:.3f} "
      f"vs full MF {results['matrix factorization (ALS, k=4)']:.3f}")

# %% [markdown]
# ## Takeaways
#
# * Ratings matrices are **sparse and biased**: users rate what they chose to watch.
# * Neighborhood methods are simple and explainable ("because you liked …"); matrix
#   factorization usually predicts better and scales well.
# * Always compare against **baselines**, and remember that RMSE on held-out ratings is not
#   the same as useful recommendations: look at top-N quality and catalog coverage too.
# * Plan for **cold start** (new users, new movies) from the beginning.
# * A deployed recommender shapes its own future training data. Watch for **feedback loops**.
