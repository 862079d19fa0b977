"""Following a training up: survey waves, who to invite or remind when, and signed outbound events.

The core of it is plain data and arithmetic (no Django): which repeated measures and level 3/4
indicators a wave's form declares (:mod:`declared`), which invitation or reminder is due for whom
(:mod:`schedule`), and how an outbound event is signed and retried (:mod:`signing`). The paired
analysis of change lives with the other analyses, in :mod:`citybridge.analysis.change`.
"""
