from fastapi import APIRouter

router = APIRouter(prefix="/samples", tags=["Samples"])
