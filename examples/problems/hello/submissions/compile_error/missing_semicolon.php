<?php
// Compile error: a missing semicolon (php -l finds it).
[$a, $b] = array_map('intval', preg_split('/\s+/', trim(fgets(STDIN))))
echo $a + $b, "\n";
