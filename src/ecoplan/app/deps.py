"""Request-scoped plumbing: the database session a request commits once."""

from __future__ import annotations

from typing import Annotated, Iterator

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from ecoplan.app.db import unit_of_work


def get_session(request: Request) -> Iterator[Session]:
    """The request's one transaction: committed after the endpoint returns, before the response
    is sent (``scope="function"``), rolled back if anything failed."""
    with unit_of_work(request.app.state.sessionmaker) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def read_form(request: Request) -> FormData:
    """The request's form body, read on the event loop, so that a handler that needs the whole
    form stays a plain ``def`` (run in the thread pool: its database calls never block the
    loop)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]
