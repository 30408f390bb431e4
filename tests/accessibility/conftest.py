# The wizard's realistic report (a real 2021 report that passes every error rule) and its editor.
from tests.drafting.conftest import complete_report  # noqa: F401
