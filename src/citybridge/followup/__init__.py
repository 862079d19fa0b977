"""Following a training up: survey waves, who to invite or remind when, and signed outbound events.

The core of it is plain data and arithmetic (no Django): which invitation or reminder is due for
whom (:mod:`schedule`), and how an outbound event is signed and retried (:mod:`signing`). Which
repeated measures and level 3/4 indicators a wave's form declares, and the paired analysis of
change, live with the other analyses (:mod:`citybridge.analysis.declared`, :mod:`citybridge.analysis.change`).
"""
