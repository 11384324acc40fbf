"""The learning loop: answers contact people mark "Zur FAQ hinzufügen" become FAQ entries Lotse cites."""
