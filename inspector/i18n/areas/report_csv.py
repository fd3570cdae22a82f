"""Words of the CSV lists and the photo archive (office/reports/lists_csv.py):
folder and file names. The column headings are the shared report.col.* ones,
so the CSV and the workbook read alike."""

MESSAGES = {
    "zh": {
        "report_csv.folder.lists": "清单",
        "report_csv.folder.photos": "照片",
        "report_csv.file.problems": "{round} 问题清单.csv",
        "report_csv.file.innovations": "{round} 创新清单.csv",
        "report_csv.list_sep": "；",
    },
    "en": {
        "report_csv.folder.lists": "lists",
        "report_csv.folder.photos": "photos",
        "report_csv.file.problems": "{round} problems.csv",
        "report_csv.file.innovations": "{round} innovations.csv",
        "report_csv.list_sep": "; ",
    },
}
