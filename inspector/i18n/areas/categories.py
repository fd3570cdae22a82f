"""Problem categories added with a supervisor's corrections (issue 13): the
four tendencies counted one by one, and safety hazards apart from 其他.
The renamed categories (named as shortcomings) keep their lines in zh.py/en.py."""

LABELS = {
    "zh": {"ProblemCategory": {
        "generalisation": "一般化倾向", "real_estate": "房地产化倾向",
        "luxury": "贵族化倾向", "bonsai": "盆景化倾向", "safety": "安全隐患",
    }},
    "en": {"ProblemCategory": {
        "generalisation": "Run-of-the-mill tendency", "real_estate": "Real-estate tendency",
        "luxury": "Elitist tendency", "bonsai": "Showpiece tendency", "safety": "Safety hazard",
    }},
}
