from django.apps import AppConfig


class ExampleFlowConfig(AppConfig):
    name = "tests.example_flow"
    label = "example_flow"
