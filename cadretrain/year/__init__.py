"""The year model: a plan with its work calendar and every class's schedule, built once by
one pipeline (load → expand → schedule → check) and read by every later stage.

- :mod:`~cadretrain.year.model` — :class:`Year`;
- :mod:`~cadretrain.year.pipeline` — the named steps and ``load_year`` / ``parse_year``;
- :mod:`~cadretrain.year.validate` — ``validate_file`` and the reports ``cadretrain validate``
  prints;
- :mod:`~cadretrain.year.collect` — collecting reply forms with the year's register,
  enrollments and schedules.

It sits above ``checks`` (the pipeline's last step runs them) and below ``documents`` and
``records``, which read the model.
"""
