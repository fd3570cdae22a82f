"""Pydantic models of every record and file format. Imports nothing else of ours."""

from .assignment import Assignment, Inspector, Round
from .base import Model, Record
from .bundle import BundleManifest, BundleMember, BundleSignature, Receipt
from .checklist import (
    Applicability,
    ChecklistItem,
    ChecklistSection,
    ChecklistTemplate,
    ChoiceOption,
    TemplateRef,
)
from .innovation import Innovation
from .photo import Photo, PhotoTarget
from .plan import PlanRow
from .problem import ItemRef, Problem, StatusChange
from .project import Contact, Location, Project
from .sentback import OfficeUser, Reply, SentBack
from .signed import Signed, Signer
from .visit import Answer, FollowUp, Visit

__all__ = [
    "Answer", "Applicability", "Assignment", "BundleManifest", "BundleMember", "BundleSignature", "ChecklistItem", "ChecklistSection",
    "ChecklistTemplate", "ChoiceOption", "Contact", "FollowUp",
    "Innovation", "Inspector", "ItemRef", "Location", "Model", "Photo", "PhotoTarget", "PlanRow",
    "OfficeUser", "Problem", "Project", "Receipt", "Record", "Reply", "Round", "SentBack", "Signed", "Signer",
    "StatusChange", "TemplateRef", "Visit",
]
