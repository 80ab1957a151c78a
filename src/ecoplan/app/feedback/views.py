"""Pages of reports from the public: placeholder replaced below."""
from fastapi import APIRouter
router = APIRouter()
