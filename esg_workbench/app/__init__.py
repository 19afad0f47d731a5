"""The Streamlit app (the only part of the package that imports streamlit): ``main.py`` builds the
navigation, ``pages/`` holds one script per page, the other modules are shared glue and components.
Importing this package itself does not import streamlit."""
