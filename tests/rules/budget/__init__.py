"""B rules: funds block, project money fields and payments. Each rule fires on the mistake it
names, at the cell holding the stated figure, and stays silent on the consistent form of
forms.py."""
