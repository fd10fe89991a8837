// Time limit exceeded: spins forever in a busy loop (burning CPU) before it would print a + b.
@Volatile
var spins: Long = 0

fun main() {
    val (a, b) = readLine()!!.trim().split(Regex("\\s+")).map { it.toLong() }
    while (spins >= 0) {
        spins++
    }
    println(a + b)
}
