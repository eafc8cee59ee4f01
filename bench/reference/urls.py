from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path

from .models import Row


def rows(request):
    page = Paginator(Row.objects.order_by("-created", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "reference/rows.html", {"page": page})


urlpatterns = [path("rows/", rows)]
