# Wrong answer: `.` joins strings; `+` adds. Prints "34" for the sample instead of 7.
use strict;
use warnings;
my ($a, $b) = split ' ', <STDIN>;
print $a . $b, "\n";
