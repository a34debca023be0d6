"""Many workbooks, one summary workbook for a reviewer (spec: cli.md "Batch summary")."""

from evalbook.batch.run import run_batch

__all__ = ["run_batch"]
