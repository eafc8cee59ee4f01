"""ticms — management system for municipal technology innovation centers."""
