"""A linear SVM trained by dual coordinate descent, in plain Python over sparse rows.

The L2-regularised squared-hinge SVM of liblinear (Hsieh et al. 2008), for the abuse classifier
(`classifier.py`); kept apart so the solver can be read and tested on its own. Checked against
scikit-learn's LinearSVC on the same vectors while it was written (same objective to 1e-4).
"""

import math
import random
from dataclasses import dataclass, field
from operator import mul

SparseVector = tuple[list[int], list[float]]


@dataclass
class SvmSolution:
    """Primal weights, the bias feature's weight, the dual variables and how the solver ended."""

    weights: list[float]
    bias: float
    alpha: list[float]
    passes: int
    converged: bool
    objectives: list[float] = field(default_factory=list)


def dual_objective(solution: SvmSolution, costs: list[float]) -> float:
    """f(α) = ½‖w‖² + Σ α_i² / (4 C_i) − Σ α_i, the dual of the L2-loss SVM (to be minimised).

    At the optimum it is minus the primal objective (no duality gap).
    """
    squared = sum(w * w for w in solution.weights) + solution.bias * solution.bias
    penalty = sum(a * a / (4.0 * c) for a, c in zip(solution.alpha, costs, strict=True))
    return 0.5 * squared + penalty - sum(solution.alpha)


def primal_objective(
    weights: list[float],
    bias: float,
    vectors: list[SparseVector],
    labels: list[bool],
    costs: list[float],
    bias_value: float = 1.0,
) -> float:
    """½‖w‖² + Σ C_i max(0, 1 − y_i w·x_i)², with the bias feature's weight in ‖w‖."""
    loss = 0.0
    for (indices, values), label, cost in zip(vectors, labels, costs, strict=True):
        score = sum(map(mul, map(weights.__getitem__, indices), values)) + bias * bias_value
        margin = max(0.0, 1.0 - (score if label else -score))
        loss += cost * margin * margin
    return 0.5 * (sum(w * w for w in weights) + bias * bias) + loss


def balanced_costs(labels: list[bool], c: float) -> list[float]:
    """C for each row, scaled so that both classes weigh the same (scikit-learn's "balanced")."""
    positives = sum(labels)
    negatives = len(labels) - positives
    weight = {
        True: len(labels) / (2 * positives) if positives else 1.0,
        False: len(labels) / (2 * negatives) if negatives else 1.0,
    }
    return [c * weight[label] for label in labels]


def dual_cd_svm(
    vectors: list[SparseVector],
    labels: list[bool],
    dimension: int,
    costs: list[float],
    *,
    bias_value: float = 1.0,
    tolerance: float = 0.1,
    max_passes: int = 1000,
    shrinking: bool = True,
    seed: int = 0,
    trace: bool = False,
) -> SvmSolution:
    """L2-regularised L2-loss (squared hinge) linear SVM by dual coordinate descent.

    Hsieh, Chang, Lin, Keerthi & Sundararajan (2008), algorithm 1 with the shrinking of
    section 3.2, as liblinear implements it (`solve_l2r_l1l2_svc`). Minimises
    ½ αᵀ(Q + D)α − Σ α over α ≥ 0, where Q_ij = y_i y_j x_i·x_j and D_ii = 1 / (2 C_i); the
    primal weights w = Σ y_i α_i x_i are kept up to date. Every row gets a constant feature
    `bias_value` (0 for none) whose weight is the bias, regularised like the others.

    Each pass visits the active rows in a random order (seeded: training is deterministic). It
    stops when the largest and smallest projected gradients over all rows are within
    `tolerance` (liblinear's default 0.1), or after `max_passes`. With `trace`, the dual
    objective after every pass is in `objectives`.
    """
    count = len(vectors)
    weights = [0.0] * dimension
    bias = 0.0
    alpha = [0.0] * count
    signs = [1.0 if label else -1.0 for label in labels]
    diagonal = [0.5 / cost for cost in costs]
    curvature = [
        sum(v * v for v in values) + bias_value * bias_value + diagonal[i]
        for i, (_indices, values) in enumerate(vectors)
    ]
    rng = random.Random(seed)  # noqa: S311 - visiting order, not secrets
    order = list(range(count))
    active = count
    largest_old = math.inf  # no upper bound on α for the L2 loss: one side to shrink
    solution = SvmSolution(weights, 0.0, alpha, 0, False)
    passes = 0
    while passes < max_passes:
        largest, smallest = -math.inf, math.inf
        # Shuffle only the active prefix, as liblinear does.
        for position in range(active - 1, 0, -1):
            other = rng.randint(0, position)
            order[position], order[other] = order[other], order[position]
        position = 0
        while position < active:
            i = order[position]
            indices, values = vectors[i]
            sign = signs[i]
            score = sum(map(mul, map(weights.__getitem__, indices), values)) + bias * bias_value
            gradient = sign * score - 1.0 + diagonal[i] * alpha[i]
            projected = gradient
            if alpha[i] == 0.0:
                if shrinking and gradient > largest_old:
                    # At the bound and likely to stay there: leave it out until the end.
                    active -= 1
                    order[position], order[active] = order[active], order[position]
                    continue
                projected = min(gradient, 0.0)
            largest = max(largest, projected)
            smallest = min(smallest, projected)
            if abs(projected) > 1e-12:
                old = alpha[i]
                alpha[i] = max(old - gradient / curvature[i], 0.0)
                step = (alpha[i] - old) * sign
                for index, value in zip(indices, values, strict=True):
                    weights[index] += step * value
                bias += step * bias_value
            position += 1
        passes += 1
        if trace:
            solution.bias = bias
            solution.objectives.append(dual_objective(solution, costs))
        if largest - smallest <= tolerance:
            if active == count:
                solution.converged = True
                break
            # Converged on the active rows: check all of them once more.
            active = count
            largest_old = math.inf
            continue
        largest_old = largest if largest > 0 else math.inf
    solution.bias = bias
    solution.passes = passes
    return solution
