// Wrong answer: Int has 32 bits: 2000000000 + 2000000000 wraps around.
object Sum {
  def main(args: Array[String]): Unit = {
    val Array(a, b) = scala.io.StdIn.readLine().trim.split("\\s+").map(_.toInt)
    println(a + b)
  }
}
