"""The stages of a partnership lead and the rules for moving between them.

A lead goes interest → contacted → exchange or visit → agreement → project, or is dropped with a
reason. Brokering is not a straight line: a lead may step back (a visit postponed) or be
reopened after a drop, so any move is allowed except a drop without its reason, which is what a
follow-up meeting most needs to know.
"""

from __future__ import annotations

INTEREST = "interest"
CONTACTED = "contacted"
EXCHANGE = "exchange"  # exchange of delegations or a visit
AGREEMENT = "agreement"
PROJECT = "project"
DROPPED = "dropped"
STAGES = (INTEREST, CONTACTED, EXCHANGE, AGREEMENT, PROJECT, DROPPED)
OPEN_STAGES = (INTEREST, CONTACTED, EXCHANGE, AGREEMENT)  # a lead here still needs someone to act
STAGE_LABELS = {
    INTEREST: "interest",
    CONTACTED: "contacted",
    EXCHANGE: "exchange or visit",
    AGREEMENT: "agreement",
    PROJECT: "project",
    DROPPED: "dropped",
}


class PipelineError(ValueError):
    """A move or a value the pipeline refuses; the message says what is allowed."""


def check_stage(stage: str) -> str:
    cleaned = stage.strip().lower()
    if cleaned not in STAGES:
        raise PipelineError(f"stage '{stage}': choose from {', '.join(STAGES)}")
    return cleaned


def check_move(current: str, new: str, reason: str | None) -> str:
    """The stage to move to; a drop needs its reason, and moving to the same stage is refused."""
    new = check_stage(new)
    if new == current:
        raise PipelineError(f"the lead is already at stage '{current}'")
    if new == DROPPED and not (reason or "").strip():
        raise PipelineError("a dropped lead needs its reason: pass --reason 'why it stopped'")
    return new
