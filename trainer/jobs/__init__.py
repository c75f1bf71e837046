"""Scheduled jobs: the schedule as data, thin tasks over services, and the clock process."""
