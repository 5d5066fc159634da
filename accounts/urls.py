from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("compte/activer/<uidb64>/<token>/", views.ActivateAccountView.as_view(), name="activate"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
]
