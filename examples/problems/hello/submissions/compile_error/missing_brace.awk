# Compile error: the action's closing brace is missing.
{ print $1 + $2
