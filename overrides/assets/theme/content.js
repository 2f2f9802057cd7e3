/* Material for MkDocs 9.8.2, partials/javascripts/content.html (MIT licence), moved out of the page
   so a Content-Security-Policy can forbid inline scripts. tests/test_theme_scripts.py keeps it in step. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
