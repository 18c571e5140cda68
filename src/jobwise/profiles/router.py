from fastapi import APIRouter

router = APIRouter(prefix="/profiles", tags=["Profiles"])
