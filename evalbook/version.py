"""The version evalbook reports (--version, the 校验结果 sheet) and packages under."""

__version__ = "0.1.0"
