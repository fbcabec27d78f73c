"""Mutation jobs (swaps, patch reapplies): the state machine, its store, the per-host locks
and the runner that every job kind shares. A job kind brings its transitions table and steps."""

from spark_control.jobs.locks import MutationLocks
from spark_control.jobs.machine import TERMINAL, InvalidTransition, Job, Phase, is_valid_transition, new_job_id
from spark_control.jobs.store import JobStore

__all__ = [
    "TERMINAL",
    "InvalidTransition",
    "Job",
    "JobStore",
    "MutationLocks",
    "Phase",
    "is_valid_transition",
    "new_job_id",
]
