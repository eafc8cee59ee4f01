"""Excel into the registers (issue 11): one framework, a spec per import (`kinds/`), dry run then apply."""
