from django.urls import path

from shows import views

app_name = "shows"

urlpatterns = [
    path("shows/<slug:slug>/", views.ShowDetailView.as_view(), name="show"),
    path(
        "shows/<slug:slug>/seasons/<int:number>/", views.SeasonDetailView.as_view(), name="season"
    ),
    path("companies/<slug:slug>/", views.CompanyDetailView.as_view(), name="company"),
    path("franchises/<slug:slug>/", views.FranchiseDetailView.as_view(), name="franchise"),
    path("tracker/", views.tracker, name="tracker"),
]
