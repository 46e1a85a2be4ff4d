"""Tools that edit a course: import a legacy schedule table (`importer`), write offerings in
`schedule.yaml`'s house style (`emit`), roll an offering forward to a new term
(`rollforward`) and read a file of holidays (`holidays`). Used by `coursekit import-schedule`
and `coursekit new-semester`; nothing in the build imports this package.
"""
