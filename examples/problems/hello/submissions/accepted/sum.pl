# Accepted: Perl keeps integers that fit in 64 bits as integers, and |a + b| <= 8e18 does.
use strict;
use warnings;
my ($a, $b) = split ' ', <STDIN>;
print $a + $b, "\n";
