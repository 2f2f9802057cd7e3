/* Material for MkDocs 9.8.2, partials/javascripts/announce.html (MIT licence), moved out of the page
   so a Content-Security-Policy can forbid inline scripts. tests/test_theme_scripts.py keeps it in step. */
var el=document.querySelector("[data-md-component=announce]");if(el){var content=el.querySelector(".md-typeset");__md_hash(content.innerHTML)===__md_get("__announce")&&(el.hidden=!0)}
