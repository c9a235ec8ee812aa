"""The validation rules, one a module (the registry, in run order, is ``checks.RULES``).

A rule module declares, beside its check::

    CODE = "CT202"                      # stable, never reused
    SEVERITY = Severity.WARNING         # the default; ``possible`` findings are one softer
    TITLE = "未写规划人数"              # Chinese, as ``cadretrain codes`` lists it
    EXPLANATION = \"\"\"…\"\"\"           # Chinese, as ``cadretrain explain`` shows it
    PASSING = \"\"\"classes: …\"\"\"      # plan fragments; tests/test_explain.py runs both
    FAILING = \"\"\"classes: …\"\"\"

    def check(ctx: Context) -> Iterator[Diagnostic]:
        yield finding(CODE, SEVERITY, pos, message, hint=…)

To add a rule, copy a module, change it, and list it in ``checks/__init__.py``.
"""
