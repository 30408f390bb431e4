from tests.review.conftest import findings, report, world  # noqa: F401  (the review tests' small region)
