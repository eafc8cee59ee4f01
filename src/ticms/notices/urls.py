from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/new/", views.notice_create, name="notice_create"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("notices/items/<int:pk>/mark/", views.item_mark, name="item_mark"),
    path("notices/<int:pk>/items/<int:item_id>/objection/", views.objection_create, name="objection_create"),
    path("notices/objections/", views.objection_list, name="objection_list"),
    path("notices/objections/<int:pk>/", views.objection_detail, name="objection_detail"),
]
