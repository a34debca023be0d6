"""One test file per rule: rules/<family>/test_<code>_<name>.py beside evalbook/rules/<family>/<code>_<name>.py
(test_rule_test_files.py keeps the two in step); what several rules of a family share is in
test_<family>_together.py."""
