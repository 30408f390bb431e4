"""Every management command prints its --help (argparse needs plain strings, not lazy translations)."""
import pytest
from django.core.management import ManagementUtility, get_commands


@pytest.mark.parametrize("name", sorted(get_commands()))
def test_help_works(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", name, "--help"]).execute()
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: manage.py " + name)
