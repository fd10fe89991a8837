<?php
// Wrong answer: floats lose digits past 2^53 and print large values in exponent notation (4.0E+18).
[$a, $b] = array_map('floatval', preg_split('/\s+/', trim(fgets(STDIN))));
echo $a + $b, "\n";
