"""Small, valid records built in code, for tests that should not depend on the fixtures."""

from __future__ import annotations

import copy
import uuid

NS = uuid.UUID("6f1b3c52-8d0e-4b7a-9a51-3f2d7c9e0a11")


def project(code: str = "HZ-GL-001", name: str = "瓜沥七彩未来社区", **over) -> dict:
    data = {
        "code": code,
        "name": name,
        "city": "hangzhou",
        "district": "萧山区",
        "creation_type": "integrate_improve",
        "batch": "试点第一批",
        "rural": False,
        "scenarios": {"neighbourhood": "standard", "entrepreneurship": "optional"},
        "lead_unit": "瓜沥镇人民政府",
    }
    data.update(over)
    return data


def template(tid: str = "zj-problem", version: int = 1, kind: str = "problem") -> dict:
    return {
        "id": tid,
        "version": version,
        "kind": kind,
        "title": "督导问题清单",
        "sections": [
            {
                "id": "lin",
                "title": "未来邻里",
                "items": [
                    {
                        "id": "lin-01",
                        "prompt": "邻里中心是否已建成并对居民开放？",
                        "guidance": "现场查看开放时间公示。",
                        "scenario": "neighbourhood",
                        "evidence": ["on_site"],
                        "answer": {"type": "pass_fail"},
                        "required": True,
                        "problem_category": "facility_idle",
                    },
                    {
                        "id": "lin-02",
                        "prompt": "邻里积分机制运行情况",
                        "scenario": "neighbourhood",
                        "answer": {
                            "type": "single_choice",
                            "options": [
                                {"value": "none", "label": "未建立", "score": 0, "flag": True},
                                {"value": "running", "label": "正常运行", "score": 5},
                            ],
                        },
                        "max_score": 5,
                    },
                ],
            }
        ],
    }


def problem(project_code: str = "HZ-GL-001", n: int = 1, **over) -> dict:
    data = {
        "id": str(uuid.uuid5(NS, f"problem-{n}")),
        "rev": 1,
        "author": "wangfang",
        "device": "laptop-wangfang-01",
        "created_at": "2026-06-01T10:00:00+08:00",
        "updated_at": "2026-06-01T10:00:00+08:00",
        "project_code": project_code,
        "item": {"template": "zj-problem", "version": 1, "item": "lin-01"},
        "scenario": "neighbourhood",
        "category": "facility_idle",
        "description": "邻里中心已建成但大门紧锁，未对居民开放。",
        "severity": "major",
        "responsible_unit": "瓜沥镇人民政府",
        "deadline": "2026-12-31",
        "status": "open",
        "history": [{"status": "open", "at": "2026-06-01T10:00:00+08:00", "by": "wangfang"}],
    }
    data.update(over)
    return data


def assignment(**over) -> dict:
    data = {
        "format": "inspector-assignment",
        "schema_version": 1,
        "id": "R2026-2-zhangwei",
        "round": {"id": "R2026-2", "name": "2026年第二轮督导"},
        "issued_by": "省未来社区专班办公室",
        "issued_at": "2026-11-20T09:00:00+08:00",
        "inspector": {"id": "zhangwei", "name": "张伟"},
        "projects": [project(), project("NB-YZ-001", "划船未来社区", city="ningbo", district="鄞州区")],
        "templates": [template()],
        "checklists": [{"id": "zj-problem", "version": 1}],
        "open_problems": [problem()],
    }
    data.update(over)
    return copy.deepcopy(data)
