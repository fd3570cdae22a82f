"""Round reports: every document the office hands on, from one reading of the
database (`gather`), written by one module per format.

    scope.py      what a report covers (round, cities, statuses, GPS, by city/unit)
    rows.py       the format-free rows and figures every writer reads
    gather.py     the database read once into a RoundReport
    figures.py    the counts, rates and rankings derived from the rows
    photofiles.py photo files as a report gives them out (GPS only when asked)
    output.py     the report folder: written whole or not at all
    run.py        one report: gather, each format in turn, progress and cancel
    gongwen.py    Word documents laid out as official documents (GB/T 9704)

Writers (one per format) take a RoundReport and a folder, and never read the
database: the same rows make the workbook, the Word files, the web page and
the CSV, so no two formats can disagree about a number.
"""
