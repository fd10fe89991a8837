// Wrong answer: converts the sum to uint64, so a negative sum wraps around to a huge positive number (secret test 02).
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
	fmt.Println(uint64(a + b))
}
