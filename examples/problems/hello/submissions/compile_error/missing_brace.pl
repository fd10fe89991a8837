# Compile error: the block's closing brace is missing.
use strict;
use warnings;
my ($a, $b) = split ' ', <STDIN>;
if (defined $b) {
  print $a + $b, "\n";
