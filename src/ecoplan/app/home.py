"""The front page: what a visitor or a logged-in user sees first."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ecoplan.app.permissions import require
from ecoplan.app.templating import render

router = APIRouter()


@router.get("/", dependencies=[Depends(require("public"))])
def home(request: Request):
    return render(request, "home/index.html", {})
