<?php
// Accepted: PHP integers are 64-bit, enough for |a + b| <= 8e18.
[$a, $b] = array_map('intval', preg_split('/\s+/', trim(fgets(STDIN))));
echo $a + $b, "\n";
