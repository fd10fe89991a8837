// Time limit exceeded: adds b to a one unit at a time, about |b| steps (up to 4e18), far too slow.
package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	var a, b int64
	reader := bufio.NewReader(os.Stdin)
	if _, err := fmt.Fscan(reader, &a, &b); err != nil {
		os.Exit(1)
	}
	step := int64(1)
	if b < 0 {
		step = -1
	}
	sum := a
	for i := int64(0); i != b; i += step {
		sum += step
	}
	fmt.Println(sum)
}
